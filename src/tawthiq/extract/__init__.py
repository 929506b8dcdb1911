"""tawthiq.extract"""
