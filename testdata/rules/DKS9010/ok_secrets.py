import secrets

rng = secrets.SystemRandom()


def reset_token():
    return secrets.token_urlsafe(32)


def pick(items):
    return rng.choice(items)
