"""tawthiq.nlp"""
