"""The marks that keep kinds of lexeme apart in one search vector.

A search vector holds, at each word's position, its exact form and its search key.
The first character says which kind a lexeme is, so the kinds never match each
other; the query builder, the stemmer and the vector builder all read these
constants, never the characters themselves.

- ``EXACT_MARK``: the exact (normalized) form of a word: ``=روسيا``.
- ``PLACE_MARK``: the key of a place and its nisba adjectives: ``@روسيا`` for
  روسيا, الروسية, روس.
- ``VERB_MARK``: the key of a verb's forms (its past tense): ``~قال`` for قالت,
  يقول; verb keys live apart from noun keys, so قضى is not قضية.
- A key with no mark is a noun's or a name's stem: ``علاقه``.
"""

EXACT_MARK = "="
PLACE_MARK = "@"
VERB_MARK = "~"
