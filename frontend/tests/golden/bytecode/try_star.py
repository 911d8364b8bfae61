try:
    work()
except* ValueError as eg:
    log(eg)
except* TypeError:
    pass
