"""tawthiq.geo: gazetteers (Who's On First, GeoNames, a worldwide default), name matching
in any spelling or script, geocoding with context, toponyms in text.

Entry point: ``tawthiq.geo.service.get_geocoder``.
"""
