"""tawthiq.export"""
