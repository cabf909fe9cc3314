simple_net = nn.Sequential (
    nn.Linear(28*28, 30), # Layer 1
    nn.ReLU(), # Layer 2
    nn.Linear(30, 10) # Layer 3
)
dls = DataLoaders(dl, valid_dl)

learn = Learner(dls, simple_net, opt_func=SGD, loss_func=calc_loss, metrics=accuracy)
learn.fit(20)
