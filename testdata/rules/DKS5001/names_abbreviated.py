import pymysql

# want: DKS5001 "DB_PASS is assigned"
DB_PASS = "Sup3rS3cr3t!"
# want: DKS5001 "adminPwd is assigned"
adminPwd = "Sup3rS3cr3t!"
# want: DKS5001 "KEY_PASSPHRASE"
KEY_PASSPHRASE = "correct horse battery"


def connect():
    # want: DKS5001 "passwd= is passed"
    return pymysql.connect(host="db", user="app", passwd="Sup3rS3cr3t!")
