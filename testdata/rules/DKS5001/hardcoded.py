import os

import psycopg2

# want: DKS5001 "PASSWORD is assigned"
PASSWORD = "Sup3rS3cr3t!"
# want: DKS5001 "DB_PASSWORD falls back"
DB_PASSWORD = os.environ.get("DB_PASSWORD", "hunter2")
# want: DKS5001
SECRET_KEY = os.getenv("SECRET_KEY", "dev-secret-key-change-me")


class Settings:
    # want: DKS5001
    api_key: str = "k3y-for-the-billing-api"


def connect():
    # want: DKS5001 "password= is passed"
    return psycopg2.connect(host="db", user="app", password="hunter2")


# want: DKS5001 "parameter password defaults"
def login(user, password="admin123"):
    # want: DKS5001 "compared"
    if password == "letmein":
        return True
    return False


CONFIG = {
    # want: DKS5001
    "db_password": "postgres-pass",
}
