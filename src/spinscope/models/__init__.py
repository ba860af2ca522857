"""Loaders for the models spinscope's stages use, each loaded once per process."""

from spinscope.models.spacy import load_spacy

__all__ = ["load_spacy"]
