"""Development tools: benchmarks, the corpus generator, quality and hostile-input
reports, the load mix. A separate Django app, installed only with DEV_TOOLS=1
(``make test`` and the ``make`` targets set it), never in the production image;
every tool that writes does so in a scratch database (``devtools.scratch``)."""
