dls = DataLoaders(dl, valid_dl)

learn = Learner(dls, simple_net, opt_func=SGD, loss_func=calc_loss, metrics=accuracy)
learn.fit(20)
