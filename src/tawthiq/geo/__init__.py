"""tawthiq.geo: gazetteers (Who's On First, GeoNames, OCHA community lists, a worldwide
default) merged into one place per place, name matching in any spelling or script, geocoding
with context, toponyms in text.

Entry point: ``tawthiq.geo.service.get_geocoder``; the geocoder's modules are listed in
``geocoder.py``.
"""
