"""The pages, one module per family: ``articles``, ``lists``, ``browse``."""
