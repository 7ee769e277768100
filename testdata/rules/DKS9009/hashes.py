import hashlib


def password_digest(password):
    # want: DKS9009
    return hashlib.md5(password.encode()).hexdigest()


def token_digest(token):
    # want: DKS9009
    return hashlib.new("sha1", token).hexdigest()
