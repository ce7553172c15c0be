"""Operations: backups and restores with PostgreSQL's own tools, and the table
statistics the planner needs after bulk writes.

- ``postgres``: connection settings and client tools for the archive's server;
- ``backup``: ``pg_dump -Fc`` of the whole database;
- ``restore``: ``pg_restore`` in one transaction, refusing a non-empty database;
- ``statistics``: ANALYZE after a bulk write;
- ``catalogs``: the interface's translation catalogs compiled (``make install``).
"""
