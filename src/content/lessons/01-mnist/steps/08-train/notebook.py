def batch_accuracy(x, y):
    preds = x.softmax(dim=1)
    predicted_classes = preds.argmax(dim=1)
    correct = predicted_classes == y
    return correct.float().mean()

def validate_epoch(model):
    accs = [batch_accuracy(model(xb), yb) for xb, yb in valid_dl]
    return round(torch.stack(accs).mean().item(), 4)

for i in range(20):
    train_epoch(matrix_x, 0.1, params)
    print(validate_epoch(matrix_x))

# printed: 0.1763 0.2779 0.3708 0.436 0.4744 0.5022 0.5237 0.5437 0.5571 0.5701
#          0.5803 0.5882 0.5981 0.605 0.6114 0.6168 0.6223 0.628 0.6332 0.6374
