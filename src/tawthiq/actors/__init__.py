"""tawthiq.actors"""
