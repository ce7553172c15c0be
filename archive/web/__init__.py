"""HTTP only: each view reads the request, calls ``archive.search`` (or the models),
and renders. Nothing here parses text, counts facets or writes SQL.

- ``views``: the pages, by family: ``articles`` (home, article), ``lists`` (the
  search page and the list every browse page shows), ``browse`` (dates, outlets,
  people, themes);
- ``api``: the same lists and articles as JSON; ``exports``: CSV, JSON and Atom;
- ``filters``: the query string read and checked; ``pagination``: page numbers;
- ``serialize``: an article as data; ``citation``: how to cite it;
- ``cache``: counts shared between requests; ``errors``: the 404 and 400 pages.
"""
