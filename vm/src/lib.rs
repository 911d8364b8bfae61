//! # egret-vm
