"""The query language's grammar: what a reader types, as a tree (``lark``).

Lucene's query syntax with Arabic keywords::

    بوتين بكين                 every word (AND is the default; «AND» may be written)
    الصين OR روسيا             either (also «|» and «أو»); OR binds closer than AND
    -أوكرانيا  NOT أوكرانيا     without
    (الصين OR روسيا) -أوكرانيا  parentheses group
    "الحزام والطريق"           the phrase, exact forms, in order
    "بوتين شي"~5               the words within five words of each other, any form
    بوتين NEAR/5 شي            the same (also «قرب/5»; NEAR alone is NEAR/5)
    اقتصا*                     every word starting so (three letters at least)
    title:روسيا  عنوان:روسيا    in the title only; body: / نص: in the body only

Nothing a reader types is an error: what the grammar cannot place (a dangling
OR, a parenthesis never closed, ``title:`` with nothing after it) is dropped or
closed, and ``notes`` says how it was read. ``archive.search.query`` turns the
tree into clauses and the tsquery.
"""

import re
from dataclasses import dataclass

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedInput
from lark.lexer import Lexer

_END = r'(?=[\s()"“«]|$)'  # a keyword ends where a word would

GRAMMAR = rf"""
start: conj?

?conj: disj (_AND? disj)*
?disj: unary (_OR unary)*
?unary: _NOT unary    -> negation
      | _MINUS unary  -> negation
      | _PLUS unary
      | near
?near: atom (NEAR atom)*
?atom: _LPAR conj? _RPAR  -> group
     | FIELD atom         -> fielded
     | PHRASE             -> phrase
     | WORD               -> word
     | NAME               -> name

_LPAR.4: "("
_RPAR.4: ")"
_OR.3: /(?i:or){_END}/ | "|" | /(أو|او){_END}/
_AND.3: /(?i:and){_END}/
_NOT.3: /(?i:not){_END}/
NEAR.3: /NEAR(\/\d+)?{_END}/ | /(?i:near)\/\d+{_END}/ | /قرب\/\d+{_END}/
FIELD.3: /(?i:title|body):/ | /(ال)?(عنوان|نص|متن):/
_MINUS.3: /-(?=\S)/
_PLUS.3: /\+(?=\S)/
PHRASE.2: /"[^"]*"?(~\d+)?/ | /“[^”]*”?(~\d+)?/ | /«[^»]*»?(~\d+)?/
WORD.1: /[^\s()"“”«»|]+/
STRAY: /[”»]/
NAME: "\x00"

%ignore /\s+/
%ignore STRAY
"""

_LEXER = Lark(GRAMMAR, parser="lalr", lexer="basic")

_FIELDS = {"title": "title", "عنوان": "title", "body": "body", "نص": "body",
           "متن": "body"}  # fmt: skip
NEAR_DEFAULT = 5
MAX_REPAIRS = 20


class _Given(Lexer):
    """Hands the parser the tokens it is given (lexed, then names merged)."""

    def __init__(self, conf):
        pass

    def lex(self, data, parser_state=None):
        yield from data


_PARSER = Lark(GRAMMAR, parser="lalr", lexer=_Given)


@dataclass
class Parsed:
    tree: Tree | None
    notes: list[str]


def lex(text: str) -> list[Token]:
    return list(_LEXER.lex(text))


def parse_tokens(tokens: list[Token]) -> Parsed:
    """The tree of ``tokens``; a token the grammar cannot place is dropped (and
    said), an unclosed parenthesis closed at the end."""
    notes: list[str] = []
    tokens = list(tokens)
    for _ in range(MAX_REPAIRS):
        try:
            return Parsed(_PARSER.parse(tokens), notes)
        except UnexpectedInput as error:
            token = getattr(error, "token", None)
            if token is None or token.type == "$END":
                if _unclosed(tokens):
                    tokens.append(Token("_RPAR", ")"))
                    notes.append("أغلقنا القوس المفتوح في آخر البحث.")
                    continue
                if not tokens:
                    break
                token = tokens[-1]  # a dangling operator at the end
            index = next(
                (i for i, t in enumerate(tokens) if t is token),
                None,
            )
            if index is None:
                break
            del tokens[index]
            if _dropped(token) not in notes:
                notes.append(_dropped(token))
        except LarkError:
            break
    # Past repair: the words alone, every one required.
    words = [t for t in tokens if t.type in {"WORD", "NAME", "PHRASE"}]
    notes.append("لم نفهم تركيب البحث، فبحثنا عن كلماته كلها.")
    return Parsed(Tree("start", [Tree("conj", [_leaf(t) for t in words])]), notes)


def _leaf(token: Token) -> Tree:
    kind = {"WORD": "word", "NAME": "name", "PHRASE": "phrase"}[token.type]
    return Tree(kind, [token])


def _unclosed(tokens: list[Token]) -> bool:
    depth = 0
    for t in tokens:
        depth += (t.type == "_LPAR") - (t.type == "_RPAR")
    return depth > 0


def _dropped(token: Token) -> str:
    shown = str(token)
    if token.type == "_RPAR":
        return "تجاهلنا قوسًا مغلقًا لم يُفتح."
    if token.type == "_LPAR":
        return "تجاهلنا قوسًا لم يُغلق."
    if token.type == "FIELD":
        return f"«{shown}» بلا كلمة بعده، فتجاهلناه."
    return f"«{shown}» في غير موضعه، فتجاهلناه."


def field_of(token: Token) -> str:
    """ "title" or "body" for a FIELD token.

    >>> field_of(Token("FIELD", "العنوان:"))
    'title'
    """
    name = token.lower().rstrip(":")
    return _FIELDS[name.removeprefix("ال") if name not in _FIELDS else name]


def near_distance(token: Token) -> int:
    """The N of NEAR/N (NEAR alone: ``NEAR_DEFAULT``).

    >>> near_distance(Token("NEAR", "قرب/3")), near_distance(Token("NEAR", "NEAR"))
    (3, 5)
    """
    found = re.search(r"/(\d+)", token)
    return int(found.group(1)) if found else NEAR_DEFAULT


def phrase_parts(token: Token) -> tuple[str, int | None]:
    """The words of a PHRASE token and its ~N (None without one).

    >>> phrase_parts(Token("PHRASE", '"بوتين شي"~5'))
    ('بوتين شي', 5)
    >>> phrase_parts(Token("PHRASE", '«الحزام والطريق'))
    ('الحزام والطريق', None)
    """
    text = str(token)
    found = re.search(r"~(\d+)$", text)
    if found:
        text = text[: found.start()]
    text = text[1:]
    if text[-1:] in {'"', "”", "»"}:
        text = text[:-1]
    return text, int(found.group(1)) if found else None
