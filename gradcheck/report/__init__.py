"""Rendering: rich renderables, plain text and JSON for the checker's and the three-way results.

Only this package and the CLI import rich; the results themselves are plain data.
"""
