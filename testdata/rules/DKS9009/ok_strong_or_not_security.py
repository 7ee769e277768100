import hashlib


def password_digest(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def cache_key(url):
    return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


def etag(body):
    return hashlib.sha256(body).hexdigest()
