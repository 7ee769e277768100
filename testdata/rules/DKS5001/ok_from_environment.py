import os

PASSWORD = os.environ["APP_PASSWORD"]
DB_PASSWORD = os.environ.get("DB_PASSWORD", "")
PASSWORD_FIELD = "password"
password_prompt = "Enter your password: "
TOKEN_URL = "https://auth.example.com/oauth/token"
SECRET_FILE = "/run/secrets/db_password"
cache_key = "users:list"
masked = "********"
template = "{password}"


def login(user, password=None):
    if password == "":
        raise ValueError("no password")
    return user
