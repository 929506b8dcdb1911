"""tawthiq.web"""
