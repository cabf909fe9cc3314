def calc_loss(preds, y):
         """Calculates the cross-entropy loss using a tensor of logits from the model
         return torch.nn.functional.cross_entropy(preds, y.squeeze())
