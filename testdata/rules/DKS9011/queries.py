from flask import request


def find_user(cursor, name):
    # want: DKS9011
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)


def delete(cursor, table, ident):
    # want: DKS9011
    cursor.execute(f"DELETE FROM {table} WHERE id = {ident}")


def search(cursor):
    # want: DKS9011
    query = "SELECT id FROM items WHERE title LIKE '{}'".format(request.args["q"])
    cursor.execute(query)


def report(cursor, since):
    # A statement after a comment or inside parentheses is still one.
    # want: DKS9011
    cursor.execute("-- nightly report\nselect count(*) from orders where created > '%s'" % since)
    # want: DKS9011
    cursor.execute("(SELECT id FROM a WHERE x = '%s') UNION (SELECT id FROM b)" % since)
    # want: DKS9011
    cursor.execute("""
        WITH recent AS (SELECT * FROM orders WHERE created > '%s')
        SELECT count(*) FROM recent""" % since)
