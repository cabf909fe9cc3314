# initialise parameters and 2 DataLoader objects for training set and validation set
         dl = DataLoader(dset, batch_size=256)
         valid_dl = DataLoader(valid_dset, batch_size=256)

         def train_epoch(model, lr, params):
             """Update the parameters using the gradient of loss with respect to the

for x, y in dl:
    calc_grad(x, y, model)
    for p in params:
        p.data -= p.grad * lr
        p.grad.zero_() # reset gradient, as PyTorch accumulates by default
