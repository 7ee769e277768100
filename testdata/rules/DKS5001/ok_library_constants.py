# Shapes from Django 3.2 and the Python 3.11 standard library that have a
# secret-looking name but hold no credential (issue 16): session keys'
# names, an OID, messages and prefixes, and a parser's token types.
import ssl

SESSION_KEY = '_auth_user_id'
BACKEND_SESSION_KEY = '_auth_user_backend'
CSRF_SESSION_KEY = '_csrftoken'
INTERNAL_RESET_SESSION_TOKEN = '_password_reset_token'
UNUSABLE_PASSWORD_PREFIX = '!'  # This will never be a valid encoded hash
SECRET_KEY_INSECURE_PREFIX = 'django-insecure-'
REASON_BAD_TOKEN = "CSRF token missing or incorrect."
CLIENT_AUTH = '1.3.6.1.5.5.7.3.2'


class MessageStorage:
    session_key = '_messages'


def parse(tokens):
    for i, token in enumerate(tokens):
        if token == "@":
            continue
        if token == "lambda":
            break
        if token == "is" and tokens[i + 1] == "not":
            token = "is not"
        if token == 'COLLATE':
            return i
    return -1


def render(context):
    csrf_token = context.get('csrf_token')
    if csrf_token == 'NOTPROVIDED':
        return ''
    return csrf_token


# From other packages Debian installs: a regular expression (babel,
# pygments), an authentication scheme (oauthlib), the key a token is
# stored under, a masked password and a URL's form in a help text (pip).
NUMBER_TOKEN = r'[0-9@#.,E+]'
jsonnet_token = r'[^\W\d]\w*'


class Client:
    refresh_token_key = 'refresh_token'

    def __init__(self, endpoint):
        endpoint.__init__(self, default_token='Bearer')


def redact_password(netloc):
    password = ":****"
    return netloc + password


PROXY_HELP = "Specify a proxy in the form scheme://[user:passwd@]proxy.server:port."
