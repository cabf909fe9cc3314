def matrix_x(x):
        """Uses the models parameters to predict the classification of an image"""
        return x@weights + bias
