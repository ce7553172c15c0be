"""What the admin calls: editors' workflows over the importer and the registries.

- ``paste``: a pasted or uploaded raw page, extracted, reviewed, saved;
- ``merge``: two outlets or people found to be one;
- ``reextract``: today's extraction again, automatic fields only.
"""
