def init_params(size, std=1.0):
        """Returns init"""
        return (torch.randn(size)*std).requires_grad_()

        weights = init_params((28*28, 10))
        bias = init_params(10)

        params = weights, bias
        weights.shape, bias.shape
