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
