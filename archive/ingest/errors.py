"""What the importer reports instead of raising: input that cannot be an article."""


class ImportFailure(Exception):
    """A page or record that cannot become an article; the message says why."""
