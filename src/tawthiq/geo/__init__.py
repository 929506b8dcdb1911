"""tawthiq.geo"""
