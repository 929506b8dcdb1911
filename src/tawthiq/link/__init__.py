"""tawthiq.link"""
