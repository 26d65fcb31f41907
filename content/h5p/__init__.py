"""H5P packages: reading a .h5p archive safely, validating it against the H5P
specification and storing its content and libraries under MEDIA_ROOT/h5p/.

Layout (the player relies on it):
- MEDIA_ROOT/h5p/libraries/<MachineName-major.minor>/library.json, …
- MEDIA_ROOT/h5p/content/<H5PContent.id>/h5p.json and …/content/content.json + media
- MEDIA_ROOT/h5p/packages/<sha256>.h5p, the uploaded bytes as they came
"""
