"""Static progress-report site generator core.

Plain Python (no MkDocs import): read and validate the CSV data, build the
model, compute achievement, make figures and render page sources.
"""
