import sys


def main(argv):
    return len(argv)


# want: DKS9014
if __name__ == "__main__":
    sys.exit(main(sys.argv))
