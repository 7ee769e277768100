# The places of ok_library_constants.py holding real credentials: a
# random session key, a token's value, capitals or a keyword under a
# password's or an access token's name.

# want: DKS5001 "SESSION_KEY is assigned"
SESSION_KEY = 'kq3Zx9-7fTq2Wd'


def check(token, access_token, password):
    # want: DKS5001 "token is compared"
    if token == "8f14e45fceea167a5a36dedd4bea2543":
        return True
    # want: DKS5001 "access_token is compared"
    if access_token == "ADMIN":
        return True
    # want: DKS5001 "password is compared"
    if password == "pass":
        return True
    return False


# want: DKS5001 "ADMIN_PASSWORD is assigned"
ADMIN_PASSWORD = 'ADMIN'
