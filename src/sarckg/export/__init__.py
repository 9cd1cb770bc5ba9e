"""sarckg.export stage."""
