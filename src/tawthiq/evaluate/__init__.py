"""tawthiq.evaluate"""
