import ast


def calculate(expr):
    return ast.literal_eval(expr)


class Model:
    def eval(self):
        return self


def train(model):
    # A method named eval is not the builtin (PyTorch's model.eval()).
    model.eval()
