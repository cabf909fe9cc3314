def batch_accuracy(x, y):
    preds = x.softmax(dim=1)
    predicted_classes = preds.argmax(dim=1)
    correct = predicted_classes == y
    return correct.float().mean()
