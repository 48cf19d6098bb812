"""Renderers: the same results as a table for people, versioned JSON for programs, HTML for classes."""
