# make a function to compute the models predictions, calculate the loss and
         def calc_grad(xb, yb, model):
             preds = model(xb)
             loss = calc_loss(preds, yb)
             loss.backward()
