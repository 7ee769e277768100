import os

PASS_THROUGH = "X-Request-Id"
pass_rate = "0.95"
bypass = "cache"
compass_heading = "north"
tests_passed = "yes"
pwd = os.getcwd()
PWD = "app"
