def find_user(cursor, name):
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))


def message(n):
    return "Selected %d users" % n


def log_line(n):
    return f"updated {n} rows"
