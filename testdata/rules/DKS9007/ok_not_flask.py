import unittest


class Runner:
    def run(self, debug=False):
        return debug


Runner().run(debug=True)
unittest.main()
