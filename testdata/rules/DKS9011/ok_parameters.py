def find_user(cursor, name):
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))


def message(n):
    return "Selected %d users" % n


def log_line(n):
    return f"updated {n} rows"


class ImproperlyConfigured(Exception):
    pass


def postgis_version(settings):
    # Django's PostGIS backend: a message that quotes a statement in its
    # middle sends nothing to a database.
    raise ImproperlyConfigured(
        'Cannot determine PostGIS version for database "%s" '
        'using command "SELECT postgis_lib_version()". '
        'Was the database created from a spatial database '
        'template?' % settings['NAME']
    )


def log_query(log, table, n):
    log.info("ran SELECT on %s: %d rows from the replica" % (table, n))
