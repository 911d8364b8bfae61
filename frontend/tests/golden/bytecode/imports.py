import os
import os.path
import xml.dom.minidom as md
from . import sibling
from ..pkg import a as b, c
from m import *
