class Layer:
    """Base class: fprop(x) -> y, bprop(dy) -> dx; params and grads are lists in the same order."""

    def __init__(self):
        self.params = []
        self.grads = []

    def __call__(self, x):
        return self.fprop(x)

    def fprop(self, x):
        raise NotImplementedError

    def bprop(self, dy):
        raise NotImplementedError


class Loss:
    """set_target(t), then fprop(z) -> batch mean, then bprop() -> dz."""

    def set_target(self, t):
        self.t = t
