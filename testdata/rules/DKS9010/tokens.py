import random
import string


def reset_token():
    # want: DKS9010
    return "".join(random.choice(string.ascii_letters) for _ in range(32))


def session_id():
    # want: DKS9010
    return random.randint(0, 2**64)
