# A token of a known format is a secret whatever the name it is given.
# want: DKS5001 "GitHub"
DEFAULT_HEADERS = {"Authorization": "token ghp_R2d2C3poBb8Luke5kyWalkerH4nS0lo0Chewb"}
